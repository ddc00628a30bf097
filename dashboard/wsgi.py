"""WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`. Settings come from the environment."""

from dashboard import create_app

server = create_app().server
