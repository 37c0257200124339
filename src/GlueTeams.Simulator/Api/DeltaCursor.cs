using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GlueTeams.Simulator.Api;

/// <summary>
/// Where a calendarView/delta round is: its window, the calendar version it reports changes after (-1: everything),
/// the version it reports up to, how far into the round's items the next page starts, and the token generation.
/// Written into $skiptoken (next page) and $deltatoken (next round) as opaque text.
/// </summary>
internal sealed record DeltaCursor(DateTimeOffset Start, DateTimeOffset End, long Since, long Until, int Offset, int Generation)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|',
        Start.UtcTicks, End.UtcTicks, Since, Until, Offset, Generation)));

    public static DeltaCursor? Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            if (parts.Length != 6)
            {
                return null;
            }
            var n = parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return new DeltaCursor(new DateTimeOffset(n[0], TimeSpan.Zero), new DateTimeOffset(n[1], TimeSpan.Zero), n[2], n[3], (int)n[4], (int)n[5]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
