import Foundation

/// The valid folders the fuzzer starts from.
enum BaseFolders {
    /// A small hand-made folder that touches every file and most rules.
    static let tiny = DataFolder.text([
        "campaigns.csv": """
            id,name,created_at,start_date,end_date,owner,budget,notes,color,utm_campaign,utm_attached_at
            t1,Tiny Launch,2024-01-01T00:00:00Z,2024-01-01,2024-03-31,Ann,1000.50,"a note, with a comma",#ff8800,,
            t2,Tiny Sale,2024-02-01T00:00:00Z,,,,,,blue,tiny-sale-24,2024-02-02T00:00:00Z
            t3,Été ß,2024-02-02T00:00:00Z,,,,,"quoted \"\"text\"\"",,,

            """,
        "utm_aliases.csv": """
            campaign_id,utm_campaign,attached_at
            t2,tiny-promo,2024-01-15T00:00:00Z

            """,
        "assets.csv": """
            id,type,name,url,published_at,keywords
            ta1,landing_page,Pricing,https://example.com/pricing,,
            ta2,form,Signup,,,
            ta3,paid_search,Ads,,,invoice;invoicing software
            ta4,workflow,Onboarding,,,
            ta5,social_post,Post,,2024-01-10T00:00:00Z,
            ta6,tracking_url,Link,https://example.com/?utm_source=x&utm_medium=y&utm_campaign=tiny-sale-24,,
            ta7,email,Welcome,,2024-01-05T00:00:00Z,

            """,
        "associations.csv": """
            asset_id,campaign_id,associated_at,dissociated_at
            ta1,t1,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z
            ta1,t2,2024-02-01T00:00:00Z,
            ta3,t1,2024-01-02T00:00:00Z,
            ta4,t1,2024-01-02T00:00:00Z,
            ta4,t2,2024-02-02T00:00:00Z,
            ta5,t3,2024-02-03T00:00:00Z,
            ta6,t2,2024-02-02T00:00:00Z,
            ta2,t1,2024-01-01T00:00:00Z,
            ta7,t1,2024-01-01T00:00:00Z,

            """,
        "contacts.csv": """
            id,email,created_at,visitor_ids,salesforce_campaign_ids
            tk1,ann@example.com,2024-01-10T00:00:00Z,tv1;tv2,701A
            tk2,bob@example.com,2024-02-10T00:00:00Z,tv3,

            """,
        "deals.csv": """
            id,name,amount,stage,created_at,close_date
            td1,"Big, deal",1250.00,closed_won,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z
            td2,Small,10,open,2024-02-01T00:00:00Z,
            td3,Lost,0.5,closed_lost,2024-02-01T00:00:00Z,2024-02-15T00:00:00+01:00

            """,
        "deal_contacts.csv": """
            deal_id,contact_id,associated_at
            td1,tk1,2024-02-01T00:00:00Z
            td2,tk2,2024-02-11T00:00:00Z

            """,
        "events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-01-05T10:00:00Z,page_view,tv1,,,https://example.com/pricing?utm_campaign=Tiny-Launch,https://google.com/,,
            2024-01-10T10:00:00.5Z,form_submission,tv1,tk1,,https://example.com/pricing,,ta2,
            2024-01-11T10:00:00Z,page_view,tv2,,,https://example.com/,,,invoice
            2024-01-12T10:00:00Z,ad_click,tv2,,,,,ta3,invoice
            2024-01-12T10:00:00Z,email_open,,tk1,,,,ta7,
            2024-02-03T10:00:00Z,workflow_enrollment,,tk1,,,,ta4,
            2024-02-12T10:00:00+02:00,page_view,tv3,,s9,https://example.com/?utm_source=x&utm_medium=y&utm_campaign=tiny-sale-24,,,
            2024-02-12T10:05:00Z,social_click,tv3,tk2,s9,,,ta5,

            """,
        "salesforce_members.csv": """
            salesforce_campaign_id,contact_id,email,status
            701B,,bob@example.com,Attended

            """,
        "salesforce_rules.csv": """
            asset_id,salesforce_campaign_id,status
            ta2,701C,Registered

            """,
    ])

    /// A folder to import on top of the sample store: new rows that refer to the sample's ids.
    static let increment = DataFolder.text([
        "campaigns.csv": """
            id,name,created_at,utm_campaign
            c-new,Autumn drive,2025-01-01T00:00:00Z,

            """,
        "utm_aliases.csv": """
            campaign_id,utm_campaign,attached_at
            c-spring,spring-again,2025-01-02T00:00:00Z

            """,
        "assets.csv": """
            id,type,name,url,published_at,keywords
            a-new-lp,landing_page,Autumn page,https://www.tallybird.com/autumn,,

            """,
        "associations.csv": """
            asset_id,campaign_id,associated_at,dissociated_at
            a-new-lp,c-new,2025-01-01T00:00:00Z,

            """,
        "contacts.csv": """
            id,email,created_at,visitor_ids
            k9001,new.person@example.com,2025-01-03T00:00:00Z,v9001

            """,
        "deals.csv": """
            id,name,amount,stage,created_at,close_date
            d9001,Autumn deal,4200.00,closed_won,2025-01-04T00:00:00Z,2025-01-20T00:00:00Z

            """,
        "deal_contacts.csv": """
            deal_id,contact_id,associated_at
            d9001,k9001,2025-01-04T00:00:00Z
            d9001,k0001,2025-01-05T00:00:00Z

            """,
        "events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2025-01-02T10:00:00Z,page_view,v9001,,,https://www.tallybird.com/autumn,,,
            2025-01-03T10:00:00Z,page_view,v9001,k9001,,https://www.tallybird.com/?utm_campaign=spring-again,,,
            2025-01-03T10:01:00Z,form_submission,v9001,k9001,,https://www.tallybird.com/autumn,,a-form-webinar,
            2025-01-06T10:00:00Z,page_view,v00002,k0002,,https://www.tallybird.com/autumn,,,

            """,
    ])

    /// Ids worth clashing with: the tiny folder's, the increment's and some of the sample's.
    static let idPool = ["t1", "t2", "t3", "ta1", "ta2", "ta3", "ta4", "tk1", "tk2", "tv1", "tv3", "td1", "td2", "701A",
                         "c-new", "a-new-lp", "k9001", "d9001", "v9001", "c-spring", "c-always-on", "a-form-webinar",
                         "a-wf-onboarding", "a-blog-rate-card", "k0001", "k0002", "v00001", "v00002", "d001", "s00001",
                         "C-SPRING", "", "c1"]

    static let namePool = ["Tiny Launch", "tiny launch", "TINY SALE", "Spring launch", "spring-launch", "spring-promo",
                           "Always-on content", "Autumn drive", "tiny-promo", "tiny-sale-24", "Été ß", "ete-ss", "always-on"]
}
