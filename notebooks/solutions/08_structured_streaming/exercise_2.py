def windows(mode):
    return {(row.region, row.type, row.hour) for rows in by_mode[mode].values() for row in rows.itertuples()}


missing = windows("update") - windows("append")
print(len(missing), "windows, hours:", sorted({hour for _, _, hour in missing}))
# append writes them once the watermark reaches their end: 21:00, 22:00 and 23:00 close when readings of
# 4 June 00:00, 01:00 and 02:00 arrive, in the batch after the one that reads them
answer = len(missing)
check("08.2", answer)
