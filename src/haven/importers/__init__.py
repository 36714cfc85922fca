"""Importers: turn an official or published file into knowledge-base rows. They write rows; they never read the engine."""
