import CampaignKit
import Testing

struct ArticleTests {
    @Test("#12.10 'an' before the data model's names that start with a vowel sound, 'a' before the others",
          arguments: [
            ("email", "an email"), ("email_open", "an email_open"), ("ad_click", "an ad_click"), ("open", "an open"),
            ("form", "a form"), ("workflow_enrollment", "a workflow_enrollment"), ("cta", "a cta"),
            ("utm_campaign", "a utm_campaign"), ("url", "a url"), ("Email", "an Email"), ("", ""),
          ])
    func article(noun: String, expected: String) {
        #expect(Article.a(noun) == expected)
    }
}
