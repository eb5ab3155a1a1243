"""Input and output: reading user tables with clear errors, writing results atomically."""
