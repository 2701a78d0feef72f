import Testing
@testable import CampaignKit

struct AssociationRulesTests {
    let t1 = Instant(iso8601: "2024-02-01T00:00:00Z")!
    let t2 = Instant(iso8601: "2024-03-01T00:00:00Z")!
    let page = Asset(id: "a1", name: "Pricing", type: .landingPage, url: "https://x.com/pricing")
    let workflow = Asset(id: "w1", name: "Nurture", type: .workflow)

    @Test("R7 associating a free asset opens one interval")
    func fresh() throws {
        let plan = try AssociationPlan.associate(page, with: "c1", at: t1, history: [])
        #expect(plan.closing == nil)
        #expect(plan.opening == Association(assetID: "a1", campaignID: "c1", associatedAt: t1))
    }

    @Test("R7 associating with B while in A moves it: A ends and B begins at the same instant")
    func move() throws {
        let inA = Association(assetID: "a1", campaignID: "cA", associatedAt: t1)
        let plan = try AssociationPlan.associate(page, with: "cB", at: t2, history: [inA])
        #expect(plan.leftCampaignID == "cA")
        #expect(plan.closing == Association(assetID: "a1", campaignID: "cA", associatedAt: t1, dissociatedAt: t2))
        #expect(plan.opening == Association(assetID: "a1", campaignID: "cB", associatedAt: t2))
    }

    @Test("R7 a workflow can belong to any number of campaigns at once")
    func workflows() throws {
        let inA = Association(assetID: "w1", campaignID: "cA", associatedAt: t1)
        let plan = try AssociationPlan.associate(workflow, with: "cB", at: t2, history: [inA])
        #expect(plan.closing == nil)
        #expect(plan.opening.campaignID == "cB")
    }

    @Test("R7 associating where already associated is an error that says so")
    func already() {
        let inA = Association(assetID: "a1", campaignID: "cA", associatedAt: t1)
        #expect(throws: RuleViolation("R7", "asset a1 is already associated with campaign cA")) {
            try AssociationPlan.associate(page, with: "cA", at: t2, history: [inA])
        }
        let wInA = Association(assetID: "w1", campaignID: "cA", associatedAt: t1)
        #expect(throws: RuleViolation("R7", "asset w1 is already associated with campaign cA")) {
            try AssociationPlan.associate(workflow, with: "cA", at: t2, history: [wInA])
        }
    }

    @Test("R7 a move cannot end an interval at or before its start, nor open one inside history")
    func noRewrite() throws {
        let inA = Association(assetID: "a1", campaignID: "cA", associatedAt: t2)
        #expect(throws: RuleViolation.self) { try AssociationPlan.associate(page, with: "cB", at: t2, history: [inA]) }
        let closed = Association(assetID: "a1", campaignID: "cA", associatedAt: t1, dissociatedAt: t2)
        #expect(throws: RuleViolation.self) {
            try AssociationPlan.associate(page, with: "cB", at: t1.adding(seconds: 1), history: [closed])
        }
        #expect(try AssociationPlan.associate(page, with: "cB", at: t2, history: [closed]).closing == nil)
    }

    @Test("R7 dissociating closes the open interval at now")
    func dissociate() throws {
        let inA = Association(assetID: "a1", campaignID: "cA", associatedAt: t1)
        let closed = try AssociationPlan.dissociate(page, from: "cA", at: t2, history: [inA])
        #expect(closed == Association(assetID: "a1", campaignID: "cA", associatedAt: t1, dissociatedAt: t2))
        #expect(throws: RuleViolation("R7", "asset a1 is not associated with campaign cB")) {
            try AssociationPlan.dissociate(page, from: "cB", at: t2, history: [inA])
        }
        #expect(throws: RuleViolation.self) { try AssociationPlan.dissociate(page, from: "cA", at: t1, history: [inA]) }
    }

    @Test("R7 intervals are half-open: one ending when the next begins does not overlap")
    func overlaps() {
        let a = Association(assetID: "a1", campaignID: "c1", associatedAt: t1, dissociatedAt: t2)
        #expect(!a.overlaps(Association(assetID: "a1", campaignID: "c2", associatedAt: t2)))
        #expect(a.overlaps(Association(assetID: "a1", campaignID: "c2", associatedAt: t1.adding(seconds: 1))))
        #expect(Association(assetID: "a1", campaignID: "c2", associatedAt: t1).overlaps(a))
        #expect(!Association(assetID: "a1", campaignID: "c2", associatedAt: t2).overlaps(
            Association(assetID: "a1", campaignID: "c3", associatedAt: t1, dissociatedAt: t2)))
    }
}

struct CampaignColorTests {
    @Test("§1 colour: #rrggbb in any case, stored lowercase")
    func hex() throws {
        #expect(try CampaignColor.validated("#A1b2C3") == "#a1b2c3")
        for bad in ["#abc", "a1b2c3", "#a1b2c", "#a1b2c3d", "#g1b2c3"] { #expect(!CampaignColor.isValid(bad)) }
    }

    @Test("§1 colour: theme names and bright- forms of the eight basic colours")
    func names() {
        for good in ["black", "Red", "grey", "gray", "orange", "purple", "pink", "brown", "bright-white", "bright-cyan"] {
            #expect(CampaignColor.isValid(good))
        }
        for bad in ["bright-orange", "bright-gray", "teal", "", "bright-"] { #expect(!CampaignColor.isValid(bad)) }
        #expect(CampaignColor.themeNames.count == 22)
    }
}
