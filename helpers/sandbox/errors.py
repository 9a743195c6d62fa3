"""Errors the sandbox reports to the attendee, each saying what is wrong and what to do."""

from helpers.common.errors import WorkshopError


class SandboxError(WorkshopError):
    """Base class of the sandbox's errors."""


class JavaError(SandboxError):
    """Java is missing or has the wrong major version."""


class MavenError(SandboxError):
    """Maven is missing or an artifact cannot be resolved (only when regenerating the jar lock)."""


class JarError(SandboxError):
    """A locked jar cannot be downloaded, or the lock file cannot be read."""


class JarChecksumError(JarError):
    """A jar's content differs from the SHA-256 (or size) in the lock: it is never used."""


class PortInUseError(SandboxError):
    """A port the sandbox needs is already taken by another process."""


class AddressNotLocalError(SandboxError):
    """A machine's address (127.0.0.2, .3) is not an address of this computer: macOS without loopback aliases."""


class NotHealthyError(SandboxError):
    """A service did not become healthy in time."""
