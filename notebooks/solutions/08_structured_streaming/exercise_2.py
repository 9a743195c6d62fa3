def windows(mode):
    return {(row.region, row.type, row.hour) for rows in by_mode[mode].values() for row in rows.itertuples()}


missing = windows("update") - windows("append")
print(len(missing), "windows, hours:", sorted({hour for _, _, hour in missing}))
# append writes them once the watermark passes their end: when readings of 4 June, 01:00 or later arrive
check("08.2", len(missing))
