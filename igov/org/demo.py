"""The demo council's organisation: five directorates and their services, named as its HR system
names them (the training demo's staff list uses the same names, as a real HR import would)."""
from igov.org.models import Unit

# directorate: (code, [(service, code)])
UNITS = {
    "Adults and Health": ("AH", [("Adult Social Care", "AH-ASC"), ("Safeguarding Adults", "AH-SA"),
                                 ("Public Health", "AH-PH"), ("Commissioning", "AH-COM")]),
    "Children and Families": ("CF", [("Children's Social Care", "CF-CSC"), ("Education and Inclusion", "CF-EI"),
                                     ("Early Help", "CF-EH"), ("Fostering and Adoption", "CF-FA")]),
    "Place and Environment": ("PE", [("Highways", "PE-HW"), ("Waste and Street Scene", "PE-WSS"),
                                     ("Planning and Building Control", "PE-PBC"), ("Housing", "PE-HSG"),
                                     ("Parks and Leisure", "PE-PL"), ("Environmental Health", "PE-EH"),
                                     ("Property and Facilities", "PE-PF")]),
    "Resources": ("RES", [("Revenues and Benefits", "RES-RB"), ("Finance", "RES-FIN"),
                          ("Human Resources", "RES-HR"), ("ICT and Digital", "RES-ICT"),
                          ("Customer Services", "RES-CS")]),
    "Chief Executive's Office": ("CEX", [("Legal and Governance", "CEX-LG"), ("Democratic Services", "CEX-DS"),
                                         ("Electoral Services", "CEX-ES"), ("Communications", "CEX-COM"),
                                         ("Policy and Performance", "CEX-PP"), ("Elected members", "CEX-EM")]),
}


def seed(scale, today, stdout):
    made = 0
    for directorate, (code, services) in UNITS.items():
        parent, created = Unit.objects.get_or_create(code=code, defaults={"name": directorate})
        made += created
        for name, service_code in services:
            made += Unit.objects.get_or_create(code=service_code, defaults={"name": name, "parent": parent})[1]
    stdout.write(f"organisation: {made} units added ({Unit.objects.count()} in all)")


def demo_units() -> dict[str, Unit]:
    """{name: unit} for every demo unit (the demo's names are unique across directorates and services)."""
    return {unit.name: unit for unit in Unit.objects.all()}
