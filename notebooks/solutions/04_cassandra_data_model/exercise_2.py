seconds = {"hour": 3600, "day": 86_400, "week": 7 * 86_400, "month": 31 * 86_400}
for bucket, rows_in_bucket in seconds.items():
    megabytes = rows_in_bucket * bytes_per_row / 1e6
    print(f"{bucket:>5}: {rows_in_bucket:>9,} rows, ~{megabytes:8.1f} MB {'ok' if megabytes < 10 else 'too big'}")
print("largest bucket under 10 MB:", [b for b, n in seconds.items() if n * bytes_per_row / 1e6 < 10][-1])
