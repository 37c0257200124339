namespace GlueTeams.App.Bot.Cards;

/// <summary>The Action.Execute verbs our cards carry, and the data keys they use.</summary>
internal static class Verbs
{
    public const string ConfirmAll = "confirmAll";
    public const string Confirm = "confirm";
    public const string NotGlue = "notGlue";
    public const string Undo = "undo";
    public const string Details = "details";
    public const string SaveDetails = "saveDetails";
    public const string Page = "page";
    public const string Refresh = "refresh";
    public const string Summary = "summary";
    public const string Help = "help";
    public const string Settings = "settings";
    public const string SaveSettings = "saveSettings";
    public const string Share = "share";
    public const string ApplySharing = "applySharing";
    public const string DeleteData = "deleteData";
    public const string ConfirmDelete = "confirmDelete";
    public const string DismissNudge = "dismissNudge";
    public const string SaveLog = "saveLog";
    public const string CancelLog = "cancelLog";

    // Data keys. Inputs of a row are keyed by the row's record id, so Confirm all reads every row's choice at once.
    public const string Week = "week";
    public const string PageNumber = "page";
    public const string RecordId = "id";
    public const string ETag = "etag";
    /// <summary>"Confirm week"'s ETags of every row of the week, one object keyed by record id (<see cref="ConfirmWeekData"/>).</summary>
    public const string ETags = "etags";
    public const string Choice = "choice";
    public const string NudgeKey = "nudge";
    /// <summary>The "log …" message a log card was built from, and the id of that message (what makes its Save idempotent).</summary>
    public const string Log = "log";
    public const string LogId = "logId";

    public static string CategoryInput(string recordId) => "cat:" + recordId;
    public static string ImpactInput(string recordId) => "impact:" + recordId;
}
