"""Course tooling: navigation links, attendee versions, the lesson index and the notebook lint.

python -m helpers.course nav|attendee|index|check

notebooks   find, read and write the course's notebooks
navigation  previous / index / next links after the title and at the end of every lesson
attendee    attendee versions: exercise cells emptied (a `%load` hint and the check), other outputs kept
index       notebooks/index.ipynb: the lessons with what each teaches and needs
lint        the rules every lesson keeps (kernel, one title, a real run, the learning loop)
checks      the exercises' self-checks: check("04.2", answer) says ✓ or gives a hint
check       everything `check` verifies, as a list of problems
__main__    the command line
"""
