using System.Globalization;
using System.Text.Json;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Http;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace GlueTeams.Graph.Calendars;

/// <summary>One person's ISO week to read, in their own time zone (from their mailbox settings).</summary>
public sealed record WeekRequest(string UserId, IsoWeek Week, TimeZoneInfo Zone);

/// <summary>
/// A person's week as read: their events, or why they could not be read (<see cref="FailedStatus"/>: 404 for an
/// unknown user, or the last status when throttling outlasted the retries).
/// </summary>
public sealed record WeekResult(WeekRequest Request, IReadOnlyList<CalendarEvent> Events, int? FailedStatus = null)
{
    public bool Succeeded => FailedStatus is null;
}

/// <summary>What changed in a week since the last delta round, and the link that starts the next one.</summary>
public sealed record WeekChanges(IReadOnlyList<CalendarEvent> Changed, IReadOnlyList<string> RemovedIds, string DeltaLink, bool WasFullResync);

/// <summary>
/// Reads calendars through calendarView: one person's week with paging, many people's weeks through $batch (20 per
/// batch, a few batches in flight, throttled steps re-sent alone after their Retry-After), and a week's changes
/// through calendarView/delta. Asks only for the fields GlueTeams uses — never the body.
/// </summary>
public sealed class CalendarReader(GraphServiceClient client, GraphOptions options, GraphCounters counters, TimeProvider? time = null)
{
    public const int BatchSize = 20;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<CalendarEvent>> ReadWeekAsync(WeekRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var events = new List<CalendarEvent>();
        var page = client.Users[request.UserId].CalendarView.ToGetRequestInformation(c =>
        {
            ConfigureWindow(c.QueryParameters, request);
            AddPreferences(c.Headers, request.Zone);
        });
        while (true)
        {
            using var json = await GetJsonAsync(page, cancellationToken);
            events.AddRange(ReadEvents(json.RootElement, request.Zone));
            if (NextLink(json.RootElement) is not { } next)
            {
                return events;
            }
            page = NextPage(next, request.Zone);
        }
    }

    /// <summary>
    /// One event of one mailbox by its id (the REST id Outlook's add-ins get from convertToRestId), in the person's time
    /// zone; null when that mailbox has no such event, so another person's event id is simply not found.
    /// </summary>
    public async Task<CalendarEvent?> ReadEventAsync(string userId, string eventId, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        try
        {
            using var json = await GetJsonAsync(client.Users[userId].Events[eventId].ToGetRequestInformation(c =>
            {
                c.QueryParameters.Select = GraphEventJson.SelectedFields;
                AddPreferences(c.Headers, zone);
            }), cancellationToken);
            return Read(json.RootElement, zone);
        }
        catch (ApiException e) when (e.ResponseStatusCode is 404 or 400) // 400: Graph's ErrorInvalidIdMalformed
        {
            return null;
        }
    }

    /// <summary>Reads every request's week; the results are in the order of the requests.</summary>
    public async Task<IReadOnlyList<WeekResult>> ReadWeeksAsync(IReadOnlyList<WeekRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new WeekResult[requests.Count];
        await ReadWeeksAsync(requests, (index, result) => results[index] = result, cancellationToken);
        return results;
    }

    /// <summary>
    /// Reads every request's week, handing each person's result to <paramref name="onRead"/> (with the request's index)
    /// as soon as it is complete. A few $batch requests are in flight at once, each of up to 20 people who are ready
    /// (new, or with a next page); a throttled step waits out its Retry-After on its own and rejoins a later batch, so
    /// neither the rest of its batch nor the lane waits with it.
    /// </summary>
    public async Task ReadWeeksAsync(IReadOnlyList<WeekRequest> requests, Action<int, WeekResult> onRead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(onRead);
        if (requests.Count == 0)
        {
            return;
        }
        var ready = System.Threading.Channels.Channel.CreateUnbounded<PersonRead>();
        foreach (var (request, index) in requests.Select((r, i) => (r, i)))
        {
            ready.Writer.TryWrite(new PersonRead(index, request));
        }
        var unfinished = requests.Count;
        async Task LaneAsync()
        {
            try
            {
                while (await ready.Reader.WaitToReadAsync(cancellationToken))
                {
                    var batch = new List<PersonRead>(BatchSize);
                    while (batch.Count < BatchSize && ready.Reader.TryRead(out var next))
                    {
                        batch.Add(next);
                    }
                    if (batch.Count == 0)
                    {
                        continue; // another lane took them first
                    }
                    foreach (var (read, retryAfter) in await SendBatchAsync(batch, cancellationToken))
                    {
                        if (retryAfter is { } wait)
                        {
                            _ = RejoinAfterAsync(read, wait);
                        }
                        else if (read.NextLink is not null && read.FailedStatus is null)
                        {
                            ready.Writer.TryWrite(read);
                        }
                        else
                        {
                            onRead(read.Index, new WeekResult(read.Request, read.Events, read.FailedStatus));
                            if (Interlocked.Decrement(ref unfinished) == 0)
                            {
                                ready.Writer.TryComplete();
                            }
                        }
                    }
                }
            }
            catch (Exception e)
            {
                ready.Writer.TryComplete(e); // the other lanes stop too
                throw;
            }
        }
        async Task RejoinAfterAsync(PersonRead read, TimeSpan wait)
        {
            try
            {
                await Task.Delay(wait, _time, cancellationToken);
                ready.Writer.TryWrite(read);
            }
            catch (OperationCanceledException)
            {
                // the lanes stop on the same token
            }
        }
        await Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentBatches).Select(_ => LaneAsync()));
    }

    /// <summary>
    /// One round of calendarView/delta for a week: from <paramref name="deltaLink"/> (what changed since), or from the
    /// start when there is none or Graph answers 410 Gone (then every event of the week comes back as changed).
    /// Store the returned <see cref="WeekChanges.DeltaLink"/> for the next round.
    /// </summary>
    public async Task<WeekChanges> ReadWeekChangesAsync(WeekRequest request, string? deltaLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fromStart = client.Users[request.UserId].CalendarView.Delta.ToGetRequestInformation(c =>
        {
            ConfigureWindow(c.QueryParameters, request);
            AddPreferences(c.Headers, request.Zone);
        });
        var fullResync = deltaLink is null;
        JsonDocument page;
        try
        {
            page = await GetJsonAsync(deltaLink is null ? fromStart : NextPage(deltaLink, request.Zone), cancellationToken);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 410)
        {
            fullResync = true;
            page = await GetJsonAsync(fromStart, cancellationToken);
        }
        var changed = new List<CalendarEvent>();
        var removed = new List<string>();
        while (true)
        {
            var root = page.RootElement;
            foreach (var e in Values(root))
            {
                if (e.TryGetProperty("@removed", out _))
                {
                    removed.Add(e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "");
                }
                else if (Read(e, request.Zone) is { } calendarEvent)
                {
                    changed.Add(calendarEvent);
                }
            }
            var next = NextLink(root);
            var link = root.TryGetProperty("@odata.deltaLink", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            page.Dispose();
            if (next is null)
            {
                return new WeekChanges(changed, removed, link ?? throw new InvalidOperationException("Graph ended a delta round without a deltaLink."), fullResync);
            }
            page = await GetJsonAsync(NextPage(next, request.Zone), cancellationToken);
        }
    }

    /// <summary>
    /// One $batch of up to 20 people, one step each (first page, next page or a retry). Returns each person with the
    /// wait before a retry when their step was throttled; otherwise the person holds their events and next link, or
    /// the status that failed them.
    /// </summary>
    private async Task<List<(PersonRead Read, TimeSpan? RetryAfter)>> SendBatchAsync(List<PersonRead> reads, CancellationToken cancellationToken)
    {
        var batch = new BatchRequestContentCollection(client, BatchSize);
        var steps = new Dictionary<string, PersonRead>();
        foreach (var read in reads)
        {
            steps[await batch.AddBatchRequestStepAsync(StepRequest(read))] = read;
        }
        var response = await client.Batch.PostAsync(batch, cancellationToken);
        var outcomes = new List<(PersonRead, TimeSpan?)>(reads.Count);
        foreach (var (stepId, read) in steps)
        {
            using var message = await response.GetResponseByIdAsync(stepId);
            var status = (int)message.StatusCode;
            if (GraphRetry.IsTransient(status) && read.Retries < options.MaxStepRetries)
            {
                counters.Throttled();
                read.Retries++;
                outcomes.Add((read, GraphRetry.Wait(message.Headers.RetryAfter, _time.GetUtcNow())));
                continue;
            }
            if (!message.IsSuccessStatusCode)
            {
                read.FailedStatus = status;
            }
            else
            {
                // Parsed with System.Text.Json: the SDK's model deserialisation costs ~0.4 ms per event.
                using var page = await JsonDocument.ParseAsync(await message.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                read.Events.AddRange(ReadEvents(page.RootElement, read.Request.Zone));
                read.NextLink = NextLink(page.RootElement);
            }
            outcomes.Add((read, null));
        }
        return outcomes;
    }

    private RequestInformation StepRequest(PersonRead read)
    {
        if (read.NextLink is null)
        {
            return client.Users[read.Request.UserId].CalendarView.ToGetRequestInformation(c =>
            {
                ConfigureWindow(c.QueryParameters, read.Request);
                AddPreferences(c.Headers, read.Request.Zone);
            });
        }
        return NextPage(read.NextLink, read.Request.Zone);
    }

    /// <summary>
    /// Every path reads Graph's JSON with the one mapper, <see cref="GraphEventJson"/>, so that a meeting lands in the same
    /// week whichever path read it (the SDK's request builders still make the URLs, and its adapter signs and retries).
    /// Errors surface as the SDK's own ODataError, as its generated methods would throw.
    /// </summary>
    private async Task<JsonDocument> GetJsonAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ParsableFactory<Microsoft.Kiota.Abstractions.Serialization.IParsable>> { ["XXX"] = Microsoft.Graph.Models.ODataErrors.ODataError.CreateFromDiscriminatorValue };
        await using var stream = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, errors, cancellationToken)
            ?? throw new InvalidOperationException("Graph answered with an empty body.");
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private RequestInformation NextPage(string link, TimeZoneInfo zone)
    {
        var next = new RequestInformation { HttpMethod = Method.GET, URI = new Uri(link) };
        AddPreferences(next.Headers, zone);
        return next;
    }

    private static string? NextLink(JsonElement page) =>
        page.TryGetProperty("@odata.nextLink", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;

    private static JsonElement[] Values(JsonElement page) =>
        page.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array ? [.. values.EnumerateArray()] : [];

    private IEnumerable<CalendarEvent> ReadEvents(JsonElement page, TimeZoneInfo zone) =>
        Values(page).Select(e => Read(e, zone)).OfType<CalendarEvent>();

    /// <summary>An event Graph sent without an id or a readable start and end is skipped and counted, not guessed at.</summary>
    private CalendarEvent? Read(JsonElement json, TimeZoneInfo zone)
    {
        if (GraphEventJson.TryParse(json, zone, out var calendarEvent, out _))
        {
            return calendarEvent;
        }
        counters.Unreadable();
        return null;
    }

    private static void ConfigureWindow(Microsoft.Graph.Users.Item.CalendarView.CalendarViewRequestBuilder.CalendarViewRequestBuilderGetQueryParameters query, WeekRequest request)
    {
        var (start, end) = request.Week.Bounds(request.Zone);
        query.StartDateTime = Utc(start);
        query.EndDateTime = Utc(end);
        query.Select = GraphEventJson.SelectedFields;
    }

    private static void ConfigureWindow(Microsoft.Graph.Users.Item.CalendarView.Delta.DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters query, WeekRequest request)
    {
        var (start, end) = request.Week.Bounds(request.Zone);
        query.StartDateTime = Utc(start);
        query.EndDateTime = Utc(end);
    }

    /// <summary>UTC with a Z: a '+' offset would not survive a $batch step URL, which the SDK sends unescaped.</summary>
    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void AddPreferences(RequestHeaders headers, TimeZoneInfo zone)
    {
        headers.Add("Prefer", $"outlook.timezone=\"{zone.Id}\"");
        headers.Add("Prefer", $"odata.maxpagesize={options.PageSize.ToString(CultureInfo.InvariantCulture)}");
    }

    private sealed class PersonRead(int index, WeekRequest request)
    {
        public int Index { get; } = index;
        public WeekRequest Request { get; } = request;
        public List<CalendarEvent> Events { get; } = [];
        public string? NextLink { get; set; }
        public int Retries { get; set; }
        public int? FailedStatus { get; set; }
    }
}
