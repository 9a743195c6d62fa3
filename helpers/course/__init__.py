"""Course tooling: navigation links, attendee versions, the indexes, the glossary, the notebook lint, and the
attendee's working copies.

python -m helpers.course nav|attendee|index|check|workspace|restore NN|catch-up NN

notebooks   find, read and write the course's notebooks
navigation  previous / index / next links after the title and at the end of every lesson
attendee    attendee versions: exercises blank (`answer = ...` and the check), predictions' answers folded
index       the indexes: notebooks/index.ipynb (solved lessons) and the attendee's
glossary    notebooks/glossary.md, and the rule that a term used before its lesson links there
lint        the rules every lesson keeps (kernel, one title, a real run, the learning loop)
names       which names code cells define and use: no cell outside the exercises needs a solution
checks      the exercises' self-checks: check("04.2", answer) says ✓ or gives a hint
solutions   solution("04.2"): a solution put in a new cell below, nothing run
workspace   the attendee's working copies (notebooks/workspace/, ignored by git): made once, restored on demand
catch_up    the sandbox in the state a lesson starts from (servers, data, rollups)
runs        one run of a lesson at a time on one sandbox
audit       everything `python -m helpers.course check` verifies, as a list of problems
sanitize    nbval's sanitize rules, each applied only to the lessons it names (installed by conftest.py)
__main__    the command line
"""
