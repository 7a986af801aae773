using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PressDeck.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VisitPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VisitPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hashtag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentBackComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VisitPlanAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConnectedAccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPlanAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitPlanAccounts_ConnectedAccounts_ConnectedAccountId",
                        column: x => x.ConnectedAccountId,
                        principalTable: "ConnectedAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisitPlanAccounts_VisitPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "VisitPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitPlanContacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outlet = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BriefBy = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BriefedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BriefedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPlanContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitPlanContacts_VisitPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "VisitPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitPlanItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Moment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PlannedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PhotoSlot = table.Column<bool>(type: "INTEGER", nullable: false),
                    PhotoNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ApprovedText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: true),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FiredByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPlanItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitPlanItems_PostDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "PostDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_VisitPlanItems_VisitPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "VisitPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitPlanQuotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Speaker = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPlanQuotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitPlanQuotes_VisitPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "VisitPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlanAccounts_ConnectedAccountId",
                table: "VisitPlanAccounts",
                column: "ConnectedAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlanAccounts_PlanId",
                table: "VisitPlanAccounts",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlanContacts_PlanId",
                table: "VisitPlanContacts",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlanItems_DraftId",
                table: "VisitPlanItems",
                column: "DraftId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlanItems_PlanId",
                table: "VisitPlanItems",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlanQuotes_PlanId",
                table: "VisitPlanQuotes",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlans_StartsAt",
                table: "VisitPlans",
                column: "StartsAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitPlanAccounts");

            migrationBuilder.DropTable(
                name: "VisitPlanContacts");

            migrationBuilder.DropTable(
                name: "VisitPlanItems");

            migrationBuilder.DropTable(
                name: "VisitPlanQuotes");

            migrationBuilder.DropTable(
                name: "VisitPlans");
        }
    }
}
