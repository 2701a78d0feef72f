// Dashboard module: arrives with its issue.
