// A version of an organization's package: the page of /packages/{name}/versions/{version}.
export { access, default, handler } from "../../../[name]/versions/[version].tsx";
