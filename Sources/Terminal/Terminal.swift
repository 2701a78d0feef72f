// Terminal module: arrives with its issue.
