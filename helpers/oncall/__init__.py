"""Lesson 11, on call: incidents that break the running sandbox the way real faults do, say only what a pager
would, and judge a repair by reading the cluster's own state.

from helpers import oncall
print(oncall.page("producer-timeouts"))   # inject it; the page lists the causes to choose from
oncall.problems("producer-timeouts")       # what is still broken ([] once repaired)
oncall.reset("producer-timeouts")          # put the cluster back, whatever state it is in

incident          the Incident record, the registry, page(), problems() and reset() (refused on your own cluster)
producer_timeouts  a broker stopped under a topic that needs all three replicas in sync (Kafka)
missing_rows      a Cassandra node down longer than the hint window: no hints, only repair restores it
stuck_consumer    a consumer group stuck behind a malformed message (Kafka, the dead-letter path)
slow_rollup       a Spark application that lost its executor next to an RF 1 table's data (locality)
lost_correction   a writer whose clock is behind: its USING TIMESTAMP corrections lose (Cassandra)
"""

from helpers.oncall.incident import COMPONENTS, INCIDENTS, Incident, diagnosis_hint, page, problems, reset

__all__ = ["COMPONENTS", "INCIDENTS", "Incident", "diagnosis_hint", "page", "problems", "reset"]
