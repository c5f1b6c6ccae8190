/**
 * The example printed at start-up and shown in the browser page: the units of the
 * latest inspection round with what five agencies know about each (inspection →
 * organization, petition, discipline, audit).
 */
export const EXAMPLE_QUERY = `query PreInspection {
  rounds(first: 1) {
    nodes {
      name kind mode startDate endDate
      teams {
        name
        units {
          name creditCode region { name }
          leadershipTeam { name post }
          petitionStats { total anonymousShare byYear { year count } }
          clues(first: 3) { totalCount nodes { receivedDate disposalMethod status } }
          auditFindings(first: 3) { totalCount nodes { category severity rectificationStatus } }
          inspections { round { name } rectificationRate }
        }
      }
    }
  }
}`;
