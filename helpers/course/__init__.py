"""Course tooling: navigation links, attendee versions, the lesson index and the notebook lint.

python -m helpers.course nav|attendee|index|check
"""
