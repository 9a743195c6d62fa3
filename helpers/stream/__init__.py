"""The stream simulator: replay generation data into Kafka, one JSON message per row.

python -m helpers.stream simulate --topic generation --speed 900|max [--csv PATH] [--start --end]

simulator  Simulation: replays rows into a topic at a chosen speed, in the foreground or a thread
source     the rows to replay: the embedded generator's, or a CSV's valid rows, in time order
messages   a row as a keyed JSON message
pacing     when each row is due at a given speed
__main__   the command line
"""

from helpers.stream.messages import frame_messages, row_message, series_key
from helpers.stream.pacing import parse_speed
from helpers.stream.simulator import Simulation, SimulationStats

__all__ = ["Simulation", "SimulationStats", "frame_messages", "parse_speed", "row_message", "series_key"]
