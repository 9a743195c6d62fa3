"""Helpers for the workshop "Energy Time Series Storage and Analytics".

The notebooks import these modules so that they can show the idea they teach
(the CQL, the producer call, the Spark plan) and leave the plumbing here.
"""
