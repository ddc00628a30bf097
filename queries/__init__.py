"""All SQL of the dashboard, as functions that return SQLAlchemy Core statements; nothing here executes SQL."""
