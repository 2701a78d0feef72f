// CampaignStore module: arrives with its issue.
