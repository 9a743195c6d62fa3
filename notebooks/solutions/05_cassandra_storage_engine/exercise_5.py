answer = {
    "meter_minutes": "TWCS",   # time order, recent ranges, whole windows expire by TTL
    "corrections": "UCS",      # rewrites of any age: TWCS would keep old windows alive and mixed
    "dashboard_5min": "TWCS",  # time order, recent ranges, TTL
    "history": "UCS",          # no TTL, read across all of history
}
check("05.5", answer)
