"""Errors the sandbox reports to the attendee, each saying what is wrong and what to do."""

from helpers.common.errors import WorkshopError


class SandboxError(WorkshopError):
    """Base class of the sandbox's errors."""


class JavaError(SandboxError):
    """Java is missing or has the wrong major version."""


class MavenError(SandboxError):
    """Maven is missing or an artifact cannot be resolved."""


class PortInUseError(SandboxError):
    """A port the sandbox needs is already taken by another process."""


class NotHealthyError(SandboxError):
    """A service did not become healthy in time."""
