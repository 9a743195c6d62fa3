voters = admin.describe_metadata_quorum()["topics"][0]["partitions"][0]["current_voters"]
answer = {"voters": len(voters), "needed": len(voters) // 2 + 1}  # a majority
print(answer)
check("02.7", answer)
