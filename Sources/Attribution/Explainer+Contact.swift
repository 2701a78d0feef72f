import Foundation
import CampaignKit

extension Explainer {
    /// R19 for a contact: its first touch (R15) and last touch (R16), with the event
    /// and the rule that decided, or why there is none.
    public func contact(_ id: String) throws -> [String] {
        guard let k = data.contact(id: id) else { throw Failure.unknown(kind: "contact", id: id) }
        let contact = data.dataset.contacts[Int(k)]
        var lines = ["Contact \(contact.id)\(contact.email.map { " <\($0)>" } ?? ""), created \(contact.createdAt.iso8601)."]
        if !contact.visitorIDs.isEmpty {
            lines.append("Its visitor ids \(contact.visitorIDs.joined(separator: ", ")): their whole history is the contact's (R11).")
        }
        let ft = analysis.firstTouchEvent[Int(k)]
        if ft < 0 {
            lines.append("First touch: none — the contact has no page view (R15).")
        } else if analysis.firstTouchCampaign[Int(k)] < 0 {
            lines.append("First touch: none — its earliest page view, \(describe(event: Int(ft))), belongs to no campaign (R15). \(urlVerdict(event: Int(ft)))")
        } else {
            lines.append("First touch: \(campaignLabel(analysis.firstTouchCampaign[Int(k)])) — its earliest page view, \(describe(event: Int(ft))), belongs to it by \(ruleName(analysis.eventRule[Int(ft)])) (R15).")
        }
        let conv = analysis.conversionEvent[Int(k)]
        if conv < 0 {
            lines.append("Last touch: none — the contact never submitted a form, so it has no conversion (R16).")
        } else if analysis.lastTouchCampaign[Int(k)] < 0 {
            lines.append("Last touch: none — its conversion, \(describe(event: Int(conv))), carries no campaign's utm value, and nothing earlier in its session is a visible page, tracking URL or qualifying form of a campaign (R16).")
        } else {
            let decided = Int(analysis.lastTouchEvent[Int(k)])
            let how = decided == Int(conv) && analysis.matcher.utmCampaign(url: data.eventURL[decided], at: data.eventTime[decided]) != nil
                ? "the conversion page's utm value (R16 rule 1)"
                : "\(describe(event: decided)), the latest matching event of the conversion's session (R16 rule 2)"
            lines.append("Last touch: \(campaignLabel(analysis.lastTouchCampaign[Int(k)])) — conversion \(describe(event: Int(conv))); decided by \(how).")
        }
        for f in analysis.influence[Int(k)] {
            lines.append("Influenced by \(campaignLabel(f.campaign)) since \(describe(event: Int(f.event))) (R14).")
        }
        if !contact.salesforceCampaignIDs.isEmpty {
            lines.append("Salesforce campaigns (R20, a separate object): \(contact.salesforceCampaignIDs.joined(separator: ", ")).")
        }
        return lines
    }
}
