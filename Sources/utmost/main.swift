import Foundation
import CampaignStore
import Attribution
import CampaignKit
let path = "/tmp/s.sqlite"
try? FileManager.default.removeItem(atPath: path)
let now = Instant(iso8601: "2026-11-29T00:00:00Z")!
_ = try CampaignStore.importFolder(CommandLine.arguments[1], intoStoreAt: path, now: now)
let ds = try CampaignStore(path: path).loadDataset()
let an = Analysis(CompiledData(ds), asOf: now)
let r = an.report(window: ReportWindow())
print(ReportFormatter.table(r, models: [AttributionModel.builtIn[0], AttributionModel.builtIn[1], AttributionModel.builtIn[2]]))
