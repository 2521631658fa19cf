"""senco: what stands between a teacher in England and the SENCO role."""

__version__ = "0.2.0"
