share = (totals.drop(columns="published_DE").drop(index="DE").astype(float)
         / totals.loc["DE", ["solar", "wind"]].astype(float) * 100)
print(share.round(1).to_string())
