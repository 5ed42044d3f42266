namespace Workspace.Grains.Validation;

/// <summary>Field limits, shared by every grain that checks input (and quoted in API.md).</summary>
public static class Limits
{
    public const int NameMax = 120;
    public const int ThematicAreaMax = 120;
    public const int DescriptionMax = 4000;
    public const int DisplayNameMax = 100;
    public const int OrganisationMax = 150;
    public const int EmailMax = 254;
    public const int PasswordMin = 10;
    public const int PasswordMax = 256;
    public const int CountriesMax = 60;
    public const int LanguagesMax = 20;
    public const int InvitationDaysMin = 1;
    public const int InvitationDaysMax = 90;
    public const int InvitationUsesMin = 1;
    public const int InvitationUsesMax = 500;
    public const int DocumentTitleMax = 200;
    public const int RecommendationTitleMax = 200;
    public const int RecommendationBodyMax = 100_000;
    public const int ArticlesMax = 30;
    public const int AddresseesMax = 20;
    public const int AddresseeMax = 150;
    public const int CommentMax = 10_000;
    public const int ReasonMax = 1_000;
    public const int AmendmentMax = 20_000;
    public const int FollowUpNoteMax = 4_000;
    public const int EvidenceMax = 10;
    public const int UrlMax = 2_000;
    public const int SessionTitleMax = 200;
    public const int QuestionMax = 500;
    public const int AgendaItemsMax = 50;
    public const int AgendaMinutesMax = 480;
}
