"""bsckit: the helper package of the Balanced Scorecard teaching kit."""

__version__ = "0.1.0"
__all__ = ["__version__"]
