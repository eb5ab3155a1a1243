"""The regiobeeld report: one self-contained HTML document (figures inline as SVG, no external
files) and its PDF, for the regiegroep. ``content`` gathers the figures from the database,
``document`` renders them."""
