"""The regiobeeld report: one self-contained HTML document (figures inline as SVG, no external
files) and its PDF, for the regiegroep. :mod:`ggzregio.app.reports` gathers what it shows
from the database; :mod:`~ggzregio.report.document` renders it."""
