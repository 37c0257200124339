using Azure.Data.Tables;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Activities;

/// <summary>
/// Maps records to table entities. Calendar facts and the suggestion live in properties that a re-sync merges;
/// the user's decision lives in Conf* properties, Source and the Skipped flag, which a re-sync never sends, so a blind
/// merge-upsert can never overwrite a confirmation.
/// </summary>
internal static class ActivityEntity
{
    public static string RowKey(IsoWeek week, string eventKey) => $"{week}|{TableKeys.Encode(eventKey)}";

    /// <summary>What the calendar and the engine say: safe to merge over any existing row.</summary>
    public static TableEntity Observed(ActivityRecord record)
    {
        var entity = new TableEntity(TableKeys.UserPartition(record.TenantId, record.UserId), RowKey(record.Week, record.EventKey))
        {
            ["Tenant"] = record.TenantId,
            ["User"] = record.UserId,
            ["EventKey"] = record.EventKey,
            ["SeriesId"] = record.SeriesId,
            ["EventId"] = record.CalendarEventId,
            ["Week"] = record.Week.ToString(),
            ["Start"] = record.Start,
            ["End"] = record.End,
            ["Title"] = record.Title,
            ["Redacted"] = record.IsRedacted,
            ["Organizer"] = record.IsOrganizer,
            ["Attendees"] = record.AttendeeCount,
            // Always written, so that a meeting made private (or no longer glue) loses the addresses it had.
            ["People"] = string.Join('\n', record.People),
        };
        if (record.Suggestion is { } suggestion)
        {
            entity["SugCategory"] = suggestion.CategoryId;
            entity["SugConfidence"] = suggestion.Confidence;
            entity["SugReason"] = suggestion.Reason;
            entity["SugImpact"] = suggestion.Impact.ToString();
            entity["SugImpactReason"] = suggestion.ImpactReason;
        }
        return entity;
    }

    /// <summary>The whole record, decision included: for replace writes guarded by an ETag.</summary>
    public static TableEntity Full(ActivityRecord record)
    {
        var entity = Observed(record);
        entity["Source"] = record.Source.ToString(); // where the decision came from: a re-sync must not rewrite it
        entity["Skipped"] = record.Status == ActivityStatus.Skipped;
        if (record.Status == ActivityStatus.Skipped || record.ConfirmedCategoryId == GlueCategories.NotGlueId)
        {
            entity["People"] = ""; // the user said it is not glue work: nobody was "reached", keep no addresses
        }
        if (record.Status == ActivityStatus.Confirmed && record.Confirmation is { } c)
        {
            entity["ConfCategory"] = c.CategoryId;
            entity["ConfImpact"] = c.Impact.ToString();
            entity["ConfLink"] = c.ArtifactLink?.AbsoluteUri;
            entity["ConfLinkTitle"] = c.ArtifactTitle;
            entity["ConfNote"] = c.OutcomeNote;
            entity["ConfDelegated"] = c.Delegated;
            entity["ConfShared"] = c.SharedWithManager;
            entity["ConfAt"] = c.ConfirmedAt;
        }
        return entity;
    }

    public static ActivityRecord ToRecord(TableEntity entity)
    {
        Confirmation? confirmation = null;
        if (entity.GetString("ConfCategory") is { } category)
        {
            var link = entity.GetString("ConfLink");
            confirmation = new Confirmation(
                category,
                Enum.TryParse<Impact>(entity.GetString("ConfImpact"), out var impact) ? impact : Impact.OneOff,
                link is null ? null : new Uri(link),
                entity.GetString("ConfLinkTitle"),
                entity.GetString("ConfNote"),
                entity.GetBoolean("ConfDelegated") ?? false,
                entity.GetBoolean("ConfShared") ?? false,
                entity.GetDateTimeOffset("ConfAt") ?? DateTimeOffset.MinValue);
        }
        var suggestion = entity.GetString("SugCategory") is { } sug
            ? new Suggestion(sug, entity.GetDouble("SugConfidence") ?? 0, entity.GetString("SugReason") ?? "",
                Enum.TryParse<Impact>(entity.GetString("SugImpact"), out var sugImpact) ? sugImpact : Impact.OneOff, entity.GetString("SugImpactReason"))
            : null;
        return new ActivityRecord
        {
            TenantId = entity.GetString("Tenant"),
            UserId = entity.GetString("User"),
            EventKey = entity.GetString("EventKey"),
            SeriesId = entity.GetString("SeriesId"),
            CalendarEventId = entity.GetString("EventId"),
            Week = IsoWeek.Parse(entity.GetString("Week")),
            Start = entity.GetDateTimeOffset("Start") ?? DateTimeOffset.MinValue,
            End = entity.GetDateTimeOffset("End") ?? DateTimeOffset.MinValue,
            Title = entity.GetString("Title") ?? "",
            IsRedacted = entity.GetBoolean("Redacted") ?? false,
            IsOrganizer = entity.GetBoolean("Organizer") ?? false,
            AttendeeCount = entity.GetInt32("Attendees") ?? 0,
            People = entity.GetString("People") is { Length: > 0 } people ? people.Split('\n') : [],
            Source = Enum.TryParse<ActivitySource>(entity.GetString("Source"), out var source) ? source : ActivitySource.Graph,
            Suggestion = suggestion,
            Confirmation = confirmation,
            Status = confirmation is not null ? ActivityStatus.Confirmed
                : entity.GetBoolean("Skipped") == true ? ActivityStatus.Skipped
                : ActivityStatus.Suggested,
        };
    }
}
