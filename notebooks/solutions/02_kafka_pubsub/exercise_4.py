print(kafka_io.lag("nb02_first_reader", TOPIC).to_string(index=False))
# Its lag is the second day (960 messages, and exercise 2's one): running the loop again continues at the
# committed offsets. A new group has no committed offsets and starts at the beginning of the log
# (from_beginning=True: auto_offset_reset="earliest"), reading both days.
