"""Cases for tests, filed through the service as the public page files them."""

from tuanwu.voice.services_cases import case_file


def file_case(organization=None, *, category="rights", subtype="pay", description="实习工资只发了一半", **extra):
    """A case filed with the service; returns (case, secret code)."""
    return case_file(category=category, subtype=subtype, organization=organization, description=description, **extra)
