"""fflint: an offline linter for FlutterFlow exports."""

__version__ = "0.1.0"
