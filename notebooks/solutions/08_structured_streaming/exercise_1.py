watermark = pd.Timestamp(query.lastProgress["eventTime"]["watermark"])
earliest_open = watermark.floor("h")   # a window is final once its END is at or before the watermark
print("watermark", watermark, "-> earliest open window starts", earliest_open)
answer = earliest_open
check("08.1", answer)
