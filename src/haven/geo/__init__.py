"""Geography: the bundled country boundaries and point-in-country lookups."""
