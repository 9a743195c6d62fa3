def replicas_needed(level, rf):
    return {"ONE": 1, "QUORUM": rf // 2 + 1, "ALL": rf}[level]

for rf in (2, 3):
    print(f"RF = {rf}")
    for read_level in ("ONE", "QUORUM", "ALL"):
        for write_level in ("ONE", "QUORUM", "ALL"):
            r, w = replicas_needed(read_level, rf), replicas_needed(write_level, rf)
            if r + w > rf:
                print(f"  read {read_level:<6} write {write_level:<6} R+W={r + w} > {rf}; "
                      f"nodes that may be down: {rf - max(r, w)}")
