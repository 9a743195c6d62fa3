try:
    session.execute(SimpleStatement(probe_write, consistency_level=ConsistencyLevel.THREE))
except Unavailable as error:
    print(type(error).__name__, error)
# Only two replicas exist (RF = 2): three acknowledgements can never come, whatever is up.
