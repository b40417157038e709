"""Organisation units for tests: found by name, or made (with a code) the first time."""
from igov.org.models import Unit
from igov.org.names import make_code


def unit_for(directorate: str, service: str = "") -> Unit:
    """The directorate, or the service within it, made if missing (as an administrator would add it)."""
    taken = set(Unit.objects.values_list("code", flat=True))
    parent = (Unit.objects.filter(parent=None, name=directorate).first()
              or Unit.objects.create(name=directorate, code=make_code(directorate, taken)))
    if not service:
        return parent
    return (Unit.objects.filter(parent=parent, name=service).first()
            or Unit.objects.create(name=service, parent=parent, code=make_code(service, taken, parent.code)))


def legal() -> Unit:
    """The IG team's own service, where most test actions sit."""
    return unit_for("Chief Executive's Office", "Legal and Governance")
