"""govreport: author Chinese county-government reports from data."""

__version__ = "0.1.0"
