"""How readable a brief is: words, sentences, average sentence length and the Flesch reading-ease score.

Our own small implementation (a vowel-group syllable count, the usual silent-e and -le rules), close to the
counts of the common libraries. The tests hold every brief to it; it never changes what a brief says."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CITE = re.compile(r"\\?\[\d+\\?\]")
_LINK = re.compile(r"<https?://[^>]*>|https?://\S+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|\d[\d,.]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9“\"])")
_VOWELS = re.compile(r"[aeiouy]+")


def words(text: str) -> list[str]:
    return _WORD.findall(_LINK.sub(" ", _CITE.sub(" ", text)))


def sentences(text: str) -> list[str]:
    """Sentences of running text; a line (heading, list item) ends a sentence too."""
    out: list[str] = []
    for line in _LINK.sub(" ", _CITE.sub(" ", text)).splitlines():
        line = line.strip().lstrip("#-*> ").strip()
        if line:
            out.extend(part for part in _SENTENCE_END.split(line) if words(part))
    return out


def syllables(word: str) -> int:
    """An estimate good enough for reading-ease scores: vowel groups, less a silent final e."""
    word = word.lower().strip("'’-")
    if word[:1].isdigit():
        return max(1, len(word.replace(",", "").replace(".", "")) // 2)
    groups = _VOWELS.findall(word)
    n = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    return max(1, n)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def flesch(self) -> float:
        """Flesch reading ease: 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words); 60-70 is plain
        English, 30-50 the range of a quality newspaper, below 30 academic prose."""
        if not self.words or not self.sentences:
            return 0.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * (self.syllables / self.words)


def measure(text: str) -> Readability:
    found = words(text)
    return Readability(len(found), len(sentences(text)), sum(syllables(x) for x in found))
