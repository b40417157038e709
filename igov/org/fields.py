"""What every register's unit field says about itself (the fields are declared on each register)."""

UNIT_HELP = ("The directorate, or the service within it, as HR names them. Ask the IG team if yours is missing.")
FORMER = ("The directorate or service as it was typed before organisation units, kept for the record; "
          "`manage.py map_units` lists values not yet matched to a unit.")
