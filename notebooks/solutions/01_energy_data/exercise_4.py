average_day = daily_gwh.sum(axis=1).mean()
print(f"average day: {average_day:,.0f} GWh; days with more wind than that: {(daily_gwh['wind'] > average_day).sum()}")
