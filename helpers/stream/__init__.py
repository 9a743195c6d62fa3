"""The stream simulator: replay generation data into Kafka, one JSON message per row.

python -m helpers.stream simulate --topic generation --speed 900|max [--csv PATH] [--start --end]
"""

from helpers.stream.messages import frame_messages, row_message, series_key
from helpers.stream.pacing import parse_speed
from helpers.stream.simulator import Simulation, SimulationStats

__all__ = ["Simulation", "SimulationStats", "frame_messages", "parse_speed", "row_message", "series_key"]
