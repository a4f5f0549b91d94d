// Firebreak: the webapp's "Log out" signs out of Firebreak (static/assets/webapp-sign-out.js).
export default {
  customScripts: ['../../../assets/webapp-sign-out.js']
};
