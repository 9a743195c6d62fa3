de = frame[frame["region"] == "DE"]
monthly_sum = de.groupby([de["ts"].dt.strftime("%Y-%m"), "type"], observed=True)["value"].sum().unstack()
answer = {kind: monthly_sum[kind].idxmax() for kind in ("solar", "wind")}
print(answer)
check("01.2", answer)
