/**
 * The demo studio's contents, as plain data: a fixed list rather than a faker dependency, so
 * every fresh install shows the same studio. Emails use the reserved example domains and
 * phone numbers the 555 range, so nothing here reaches a real person.
 */
import type { ClientType } from '@proofsheet/protocol';
import type { DemoLook } from './demo-photos.js';

/** Country ids as the Studio API numbers them (223 is the United States, as in the docs). */
export const COUNTRY_IDS: Record<string, number> = {
  'United States': 223,
  Canada: 38,
  'United Kingdom': 222,
  Australia: 13,
  Ireland: 103,
  'New Zealand': 153,
};

export interface DemoClient {
  first: string;
  last: string | null;
  company: string | null;
  jobTitle: string | null;
  type: ClientType;
  street: string | null;
  city: string | null;
  state: string | null;
  postal: string | null;
  country: string | null;
  phone: string | null;
  notes: string | null;
  archived?: true;
}

type Row = [
  first: string,
  last: string | null,
  type: ClientType,
  company: string | null,
  jobTitle: string | null,
  street: string | null,
  city: string | null,
  state: string | null,
  postal: string | null,
  country: string | null,
  phone: string | null,
  notes: string | null,
];

// biome-ignore format: one client per line reads as a table.
const ROWS: Row[] = [
  ['Amelia', 'Harper', 'client', null, null, '214 Alder Lane', 'Portland', 'OR', '97205', 'United States', '5035550142', 'Wedding on 14 June; second shooter booked.'],
  ['Jordan', 'Quinn', 'client', null, null, '214 Alder Lane', 'Portland', 'OR', '97205', 'United States', '5035550178', null],
  ['Chidi', 'Okafor', 'client', null, null, '88 Maple Crescent', 'Toronto', 'ON', 'M4C 1B5', 'Canada', '4165550113', 'Family session every autumn.'],
  ['Maya', 'Chen', 'client', null, null, '19 Harbour Street', 'Vancouver', 'BC', 'V6B 1A1', 'Canada', '6045550190', 'Newborn session; parents prefer natural light.'],
  ['Lucas', 'Moreau', 'client', 'Lumen Coffee Roasters', 'Marketing Lead', '7 Canal Row', 'Austin', 'TX', '78701', 'United States', '5125550106', 'Quarterly brand shoots.'],
  ['Sofia', 'Rossi', 'lead', null, null, null, 'Chicago', 'IL', '60614', 'United States', '3125550121', 'Asked about elopement packages.'],
  ['Noah', 'Williams', 'client', 'Williams & Pike Architects', 'Partner', '310 Market Street', 'San Francisco', 'CA', '94105', 'United States', '4155550187', null],
  ['Priya', 'Raman', 'lead', null, null, null, 'Seattle', 'WA', '98103', 'United States', null, 'Engagement shoot in October?'],
  ['Ethan', 'Brooks', 'client', null, null, '45 Birch Road', 'Denver', 'CO', '80206', 'United States', '7205550133', null],
  ['Isla', 'MacLeod', 'client', null, null, '12 Rose Street', 'Edinburgh', null, 'EH2 2PR', 'United Kingdom', '1315550164', 'Destination wedding, travel covered.'],
  ['Mateo', 'García', 'lead', 'Casa Verde Events', 'Event Planner', null, 'Miami', 'FL', '33130', 'United States', '3055550119', 'Referral partner for venues in Coral Gables.'],
  ['Hannah', 'Schmidt', 'client', null, null, '9 Orchard Close', 'Boston', 'MA', '02116', 'United States', '6175550158', null],
  ['Oliver', 'Bennett', 'other', 'Bennett Print Lab', 'Owner', '221 Foundry Way', 'Brooklyn', 'NY', '11211', 'United States', '7185550147', 'Print lab: fine art paper, 5-day turnaround.'],
  ['Zara', 'Ahmed', 'lead', null, null, null, 'London', null, 'E1 6AN', 'United Kingdom', null, 'Headshots for a small law firm.'],
  ['Liam', "O'Connor", 'client', null, null, '3 Quay Street', 'Galway', null, 'H91 X2Y4', 'Ireland', '915550131', null],
  ['Ava', 'Thompson', 'client', 'Thompson Wellness', 'Founder', '560 Ocean Avenue', 'Santa Monica', 'CA', '90402', 'United States', '3105550175', 'Yoga studio launch; needs web-size exports.'],
  ['Kenji', 'Watanabe', 'lead', null, null, null, 'Honolulu', 'HI', '96815', 'United States', '8085550102', null],
  ['Grace', 'Kim', 'client', null, null, '77 Cherry Street', 'Philadelphia', 'PA', '19106', 'United States', '2155550126', 'Maternity then newborn.'],
  ['Samuel', 'Adeyemi', 'client', 'Northbank Credit Union', 'Communications Director', '1200 River Road', 'Minneapolis', 'MN', '55401', 'United States', '6125550183', 'Annual report portraits, 40 staff.'],
  ['Chloe', 'Martin', 'lead', null, null, null, 'Montréal', 'QC', 'H2X 1Y4', 'Canada', '5145550161', 'Prefers French for emails.'],
  ['Benjamin', 'Clarke', 'client', null, null, '16 Wattle Street', 'Melbourne', 'VIC', '3000', 'Australia', '395550148', null],
  ['Emily', 'Nguyen', 'client', null, null, '402 Pine Street', 'San Jose', 'CA', '95112', 'United States', '4085550139', 'Family reunion, 30 people.'],
  ['Daniel', 'Rivera', 'lead', 'Rivera Construction', null, null, 'Phoenix', 'AZ', '85004', 'United States', '6025550117', null],
  ['Olivia', 'Parker', 'client', null, null, '58 Lakeview Drive', 'Madison', 'WI', '53703', 'United States', '6085550194', null],
  ['Arjun', 'Mehta', 'client', 'Mehta Dental', 'Dentist', '25 Commerce Street', 'Nashville', 'TN', '37201', 'United States', '6155550120', 'Practice photos plus team headshots.'],
  ['Freya', 'Lindqvist', 'lead', null, null, null, 'Wellington', null, '6011', 'New Zealand', null, 'Elopement on the South Island.'],
  ['Marcus', 'Johnson', 'client', null, null, '911 Peachtree Street', 'Atlanta', 'GA', '30309', 'United States', '4045550155', null],
  ['Lily', 'Evans', 'client', null, null, '14 Elm Grove', 'Bristol', null, 'BS8 1TH', 'United Kingdom', '1175550108', 'Senior portraits for twins.'],
  ['Gabriel', 'Santos', 'lead', null, null, null, 'San Diego', 'CA', '92101', 'United States', '6195550172', null],
  ['Nora', 'Fischer', 'client', 'Fischer Goldsmiths', 'Designer', '6 Jewellers Row', 'Brisbane', 'QLD', '4000', 'Australia', '735550166', 'Product shots of the spring collection.'],
  ['Caleb', 'Wright', 'client', null, null, '300 Cedar Avenue', 'Salt Lake City', 'UT', '84111', 'United States', '8015550141', null],
  ['Leah', 'Goldberg', 'lead', null, null, null, 'New York', 'NY', '10023', 'United States', '2125550198', 'Bat mitzvah, March.'],
  ['Tomás', 'Herrera', 'client', 'Herrera Cycles', 'Owner', '48 Spoke Street', 'Boulder', 'CO', '80302', 'United States', '3035550114', null],
  ['Aisha', 'Bello', 'client', null, null, '5 Crescent Gardens', 'Manchester', null, 'M14 5TT', 'United Kingdom', '1615550137', 'Graduation photos.'],
  ['Henry', 'Tran', 'other', 'Tran Florals', 'Florist', '72 Bloom Street', 'Portland', 'OR', '97209', 'United States', '5035550199', 'Vendor: florals for the Harper wedding.'],
  ['Mila', 'Novak', 'lead', null, null, null, 'Pittsburgh', 'PA', '15222', 'United States', null, null],
  ['Jack', 'Sullivan', 'client', null, null, '19 Wharf Road', 'Sydney', 'NSW', '2000', 'Australia', '295550125', 'Anniversary session on the harbour.'],
  ['Ruby', 'Patel', 'lead', 'Saffron Kitchen', 'Head Chef', null, 'Houston', 'TX', '77002', 'United States', '7135550152', 'Menu photography, 24 dishes.'],
  ['Elliot', 'Hayes', 'client', null, null, '87 Willow Way', 'Raleigh', 'NC', '27601', 'United States', '9195550109', null],
  ['Wren', null, 'lead', null, null, null, null, null, null, null, null, 'Met at the Portland bridal fair; only left a first name.'],
  ['Victoria', 'Lane', 'client', null, null, '2 Kensington Court', 'Calgary', 'AB', 'T2P 1J9', 'Canada', '4035550186', 'Archived: moved abroad.'],
];

/** The demo clients, newest first. The last one is archived. */
export const DEMO_CLIENTS: DemoClient[] = ROWS.map((r, i) => ({
  first: r[0],
  last: r[1],
  type: r[2],
  company: r[3],
  jobTitle: r[4],
  street: r[5],
  city: r[6],
  state: r[7],
  postal: r[8],
  country: r[9],
  phone: r[10],
  notes: r[11],
  ...(i === ROWS.length - 1 ? { archived: true as const } : {}),
}));

export interface DemoCollection {
  name: string;
  description: string;
  /**
   * `photos`: how many demo photos are drawn into the gallery (its counts come from them);
   * `hidden`: the numbers of those the studio hid.
   */
  galleries: Array<{ name: string; photos: number; private?: true; hidden?: number[] }>;
  /** How its photos look and which camera took them, on `shotOn` (a local date). */
  look: DemoLook;
  shotOn: string;
  /** Shared with the demo gallery client. */
  shared?: true;
  expiryDate?: string;
  passwordProtected?: true;
}

export const DEMO_COLLECTIONS: DemoCollection[] = [
  {
    name: 'Harper & Quinn Wedding',
    description: 'A June wedding at the Alder Lane gardens.',
    galleries: [
      { name: 'Getting Ready', photos: 5, hidden: [5] },
      { name: 'Ceremony', photos: 7 },
      { name: 'Reception', photos: 6 },
      { name: 'Portraits', photos: 5 },
    ],
    shared: true,
    passwordProtected: true,
    look: {
      sky: ['#f9dcc8', '#e7a69c'],
      hills: ['#b7767f', '#7d4a60', '#432a43'],
      sun: '#fff3dc',
      make: 'Canon',
      model: 'Canon EOS R5',
      lens: 'RF28-70mm F2 L USM',
      filePrefix: 'IMG_',
      // Portland, Oregon: the wedding's originals know where they were taken; nothing shown does.
      gps: { latitude: 45.5231, longitude: -122.6765 },
    },
    shotOn: '2026-06-14',
  },
  {
    name: 'Okafor Family — Autumn Session',
    description: 'Golden hour in High Park.',
    galleries: [
      { name: 'Favorites', photos: 4 },
      { name: 'Full Gallery', photos: 6 },
    ],
    expiryDate: '2026-12-31',
    look: {
      sky: ['#fbd38a', '#e27b3e'],
      hills: ['#a9542c', '#70311c', '#3e1c12'],
      sun: '#fff0c2',
      make: 'FUJIFILM',
      model: 'X-T5',
      lens: 'XF56mmF1.2 R WR',
      filePrefix: 'DSCF',
    },
    shotOn: '2026-10-11',
  },
  {
    name: 'Lumen Coffee Brand Shoot',
    description: 'Interiors, products and the team for the new website.',
    galleries: [
      { name: 'Interiors', photos: 3 },
      { name: 'Product', photos: 4 },
      { name: 'Team', photos: 3 },
    ],
    look: {
      sky: ['#f1e6d4', '#c9a47f'],
      hills: ['#8a6141', '#5c3e25', '#301f12'],
      sun: '#fffaf0',
      make: 'SONY',
      model: 'ILCE-7M4',
      lens: 'FE 35mm F1.4 GM',
      filePrefix: 'DSC0',
    },
    shotOn: '2026-09-03',
  },
  {
    name: 'Maya Chen Newborn',
    description: 'At home, in soft window light.',
    galleries: [
      { name: 'Highlights', photos: 3 },
      { name: 'Family', photos: 3 },
      { name: 'Outtakes', photos: 2, private: true },
    ],
    look: {
      sky: ['#eaf1f9', '#c5d6eb'],
      hills: ['#a3b8d3', '#7c96b8', '#57729a'],
      sun: '#ffffff',
      make: 'NIKON CORPORATION',
      model: 'NIKON Z 6_2',
      lens: 'NIKKOR Z 50mm f/1.8 S',
      filePrefix: 'DSC_',
    },
    shotOn: '2026-08-21',
  },
];
