using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Reports;

namespace Workspace.Grains.Recommendations;

/// <summary>
/// Gathers what a group's reports print, as one reader may see it: every call goes through the
/// grains with the reader's id, so an observer's report holds only what observers may read.
/// </summary>
public static class ReportSource
{
    public static async Task<(ReportHeader Header, IReadOnlyList<AdoptedRecommendation> Adopted)> Gather(
        IGrainFactory grains, Guid groupId, Guid readerId, DateOnly today)
    {
        var group = grains.GetGrain<IWorkingGroupGrain>(groupId);
        var details = await group.Get(readerId);
        var adopted = (await group.GetRecommendations(readerId)).Where(r => r.Status == RecommendationStatus.Adopted).ToArray();
        var entries = await Task.WhenAll(adopted.Select(async summary =>
        {
            var view = await grains.GetGrain<IRecommendationGrain>(summary.Id).Get(readerId);
            var body = await grains.GetGrain<IDocumentGrain>(summary.BodyId).GetText(readerId);
            var facts = view.Summary.Facts;
            return new AdoptedRecommendation(
                facts.Title,
                facts.ThematicArea,
                body.Text,
                facts.Articles,
                facts.Addressees,
                facts.Countries,
                DateOnly.FromDateTime(view.Adoption!.At.UtcDateTime),
                view.Stances
                    .Where(s => s.Stance != Stance.Oppose)
                    .Select(s => new Endorsement(s.Organisation, s.Stance == Stance.SupportWithReservations))
                    .ToArray(),
                view.FollowUp.Select(f => f.Updates.FirstOrDefault() is { } last
                    ? new CountryStatus(f.Country, (ImplementationStatus)f.Status, last.Date, last.Note, last.Evidence)
                    : new CountryStatus(f.Country, (ImplementationStatus)f.Status, null, null)).ToArray());
        }));
        return (new ReportHeader(details.Details.Name, today, details.Details.Languages), entries);
    }
}
